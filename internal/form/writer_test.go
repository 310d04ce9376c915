package form_test

import (
	"math"
	"net/url"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/form"
)

// multi is a filter that sends one key twice.
type multi struct{}

func (multi) EncodeValues(key string, v *url.Values) error {
	v.Add(key+"[in]", "a")
	v.Add(key+"[in]", "b")
	v.Set(key+"[is]", "c d")
	return nil
}

// The Writer's own behaviour, pair by pair: escaping, element indexes,
// custom fields merged into the key order or refused when they repeat a
// key, JSON errors naming the full key, and a failed encoding leaving the
// buffer as it was.
func TestWriter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		custom  map[string]string
		write   func(w *form.Writer)
		want    string
		wantErr string
	}{
		{"scalars", nil, func(w *form.Writer) {
			w.Bool("a", true)
			w.Int("b[c]", -7)
			w.String("d", "x y&z=é")
		}, "a=true&b%5Bc%5D=-7&d=x+y%26z%3D%C3%A9", ""},
		{"elements", nil, func(w *form.Writer) {
			w.At(0).String("e[id]", "p")
			w.At(12).String("e[id]", "q")
			w.String("f", "r")
		}, "e%5Bid%5D%5B0%5D=p&e%5Bid%5D%5B12%5D=q&f=r", ""},
		{"custom fields in key order", map[string]string{"cf_b": "2", "a": "0", "zz": "9", "e[id][5]": "x"}, func(w *form.Writer) {
			w.String("b", "1")
			w.At(4).String("e[id]", "p")
			w.At(7).String("e[id]", "q")
		}, "a=0&b=1&cf_b=2&e%5Bid%5D%5B4%5D=p&e%5Bid%5D%5B5%5D=x&e%5Bid%5D%5B7%5D=q&zz=9", ""},
		{"custom field repeating a key", map[string]string{"b": "x"}, func(w *form.Writer) {
			w.String("b", "1")
			w.String("c", "2")
		}, "", "form: b: is sent twice or out of order (a custom field or filter repeats another parameter)"},
		{"custom field repeating the last key", map[string]string{"c[d]": "x"}, func(w *form.Writer) {
			w.String("c[d]", "1")
		}, "", "form: c[d]: is sent twice or out of order (a custom field or filter repeats another parameter)"},
		{"empty custom field key", map[string]string{"": "x"}, func(w *form.Writer) {
			w.String("a", "1")
		}, "", "form: custom field: key must not be empty"},
		{"JSON", nil, func(w *form.Writer) {
			w.JSON("m", map[string]any{"k": "<&>", "n": 1})
		}, "m=%7B%22k%22%3A%22%3C%26%3E%22%2C%22n%22%3A1%7D", ""},
		{"JSON error in an element", nil, func(w *form.Writer) {
			w.String("a", "1")
			w.At(3).JSON("x[y]", map[string]any{"f": math.NaN()})
			w.String("z", "2")
		}, "", "form: x[y][3]: is not valid JSON: unsupported value (NaN or infinity?)"},
		{"filters", map[string]string{"id[j]": "k"}, func(w *form.Writer) {
			w.Filter("email", &chargebee.StringFilter{Is: "a@b", In: []string{"x"}})
			w.Filter("id", multi{})
		}, "email%5Bin%5D=%5B%22x%22%5D&email%5Bis%5D=a%40b&id%5Bin%5D=a&id%5Bin%5D=b&id%5Bis%5D=c+d&id%5Bj%5D=k", ""},
	}
	for _, tt := range tests {
		w := form.NewWriter([]byte("pre"), tt.custom)
		tt.write(w)
		got, err := w.Finish()
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr || string(got) != "pre" {
				t.Errorf("%s: %q, %v; want %q and the buffer as given", tt.name, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || string(got) != "pre"+tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, "pre"+tt.want)
		}
		if _, err := url.ParseQuery(tt.want); err != nil {
			t.Errorf("%s: not a valid query: %v", tt.name, err)
		}
	}
}

// Indexes orders element indexes as their keys sort.
func TestIndexes(t *testing.T) {
	t.Parallel()
	got := form.Indexes(12)
	want := []int{0, 10, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9} // "10]" sorts before "1]"
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Indexes(12) = %v, want %v", got, want)
		}
	}
	if n := len(form.Indexes(3)); n != 3 {
		t.Errorf("Indexes(3) has %d elements", n)
	}
}
