package form_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/form"
)

// Shapes of values that refer to themselves or nest without end.
type (
	listNode struct {
		Name *string   `url:"name,omitempty"`
		Next *listNode `url:"next,omitempty"`
	}
	// viaSlice refers to itself through a slice of its own type.
	viaSlice struct {
		Kids []*viaSlice `url:"kids"`
	}
	// viaAny refers to itself through an interface field.
	viaAny struct {
		V any `url:"v"`
	}
	// viaEmbedded embeds a pointer to itself, untagged, so its fields are
	// written at the outer level and the key never grows.
	viaEmbedded struct {
		*viaEmbedded
		N int `url:"n"`
	}
	// mutualA and mutualB refer to each other.
	mutualA struct {
		B *mutualB `url:"b"`
	}
	mutualB struct {
		A *mutualA `url:"a"`
	}
	// selfPointer is a pointer to itself, with no struct in between.
	selfPointer *selfPointer
	// withSelfPointer holds one.
	withSelfPointer struct {
		P selfPointer `url:"p"`
	}
	// selfSlice and selfMap contain themselves, with no struct in between.
	selfSlice []selfSlice
	selfMap   map[string]selfMap
	withLoops struct {
		S selfSlice `url:"s"`
		M selfMap   `url:"m"`
	}
	// inJSON holds a self-referencing map in a field sent as JSON; the
	// walk enters it too, for go-querystring does not read the option.
	inJSON struct {
		M map[string]any `url:"m,json"`
	}
	// filtered is recursive but carries a filter, which encodes itself.
	filtered struct {
		Email *chargebee.StringFilter `url:"email,omitempty"`
		Next  *filtered               `url:"next,omitempty"`
	}
	// skipped is recursive only through a field the encoders skip.
	skipped struct {
		N    int      `url:"n"`
		Next *skipped `url:"-"`
	}
)

// chain returns a list of n nodes.
func chain(n int) *listNode {
	var head *listNode
	for i := 0; i < n; i++ {
		head = &listNode{Name: chargebee.String("x"), Next: head}
	}
	return head
}

// Values nesting deeper than form.MaxDepth, self-referencing ones first,
// are refused by CheckDepth and by both encoders, with the key at which the
// bound was reached; values within it encode as before.
func TestDepthBound(t *testing.T) {
	t.Parallel()
	loop := &listNode{Name: chargebee.String("a")}
	loop.Next = loop
	kids := &viaSlice{}
	kids.Kids = []*viaSlice{kids}
	anyLoop := &viaAny{}
	anyLoop.V = anyLoop
	anyMap := map[string]any{}
	anyMap["self"] = anyMap
	emb := &viaEmbedded{N: 1}
	emb.viaEmbedded = emb
	ma := &mutualA{B: &mutualB{}}
	ma.B.A = ma
	var sp selfPointer
	sp = &sp
	jsonLoop := map[string]any{}
	jsonLoop["self"] = jsonLoop
	next8 := "next" + strings.Repeat("[next]", 7)

	tests := []struct {
		name    string
		v       any
		wantKey string // "" when the value is accepted
		wantErr string // the reason, when not the depth; for accepted values, the encoders' own error
	}{
		{"self-referencing struct", loop, next8, ""},
		{"self-referencing struct by value", *loop, next8, ""},
		{"through a slice", kids, "kids[0]" + strings.Repeat("[kids][0]", 3), ""},
		{"through an interface", anyLoop, "v" + strings.Repeat("[v]", 7), ""},
		{"through a map in an interface", &viaAny{V: anyMap}, "v" + strings.Repeat("[self]", 7), ""},
		{"through an embedded pointer", emb, "params", ""},
		{"two types referring to each other", ma, "b[a][b][a][b][a][b][a]", ""},
		{"pointer to itself", &withSelfPointer{P: sp}, "p", ""},
		{"chain of 9", chain(9), next8, ""},
		{"chain of 8", chain(8), "", ""},
		{"recursive type, short value", chain(2), "", ""},
		{"recursive type with a filter", &filtered{Email: &chargebee.StringFilter{Is: "a"}, Next: &filtered{}}, "", ""},
		{"recursion through a skipped field", func() *skipped { s := &skipped{N: 1}; s.Next = s; return s }(), "", ""},
		{"self-referencing map in a json field", &inJSON{M: jsonLoop}, "m" + strings.Repeat("[self]", 7), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkErr := form.CheckDepth(tt.v)
			_, encErr := form.ReflectValues(tt.v)
			_, bytesErr := form.ReflectBytes(tt.v)
			if tt.wantKey == "" {
				if checkErr != nil {
					t.Fatalf("CheckDepth = %v, want nil", checkErr)
				}
				for name, err := range map[string]error{"Encode": encErr, "EncodeBytes": bytesErr} {
					if (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
						t.Errorf("%s = %v, want %q", name, err, tt.wantErr)
					}
				}
				return
			}
			for name, err := range map[string]error{"CheckDepth": checkErr, "Encode": encErr, "EncodeBytes": bytesErr} {
				var fe *form.Error
				reason := tt.wantErr
				if reason == "" {
					reason = "nests deeper than 8 levels"
				}
				if !errors.As(err, &fe) || fe.Key != tt.wantKey || !strings.Contains(fe.Reason, reason) {
					t.Errorf("%s = %v, want a *form.Error at %q saying %q", name, err, tt.wantKey, reason)
				}
			}
		})
	}
}

// The shallow list still encodes to the exact keys it did.
func TestDepthBoundKeepsShallowValues(t *testing.T) {
	t.Parallel()
	got, err := form.ReflectBytes(chain(3))
	if err != nil {
		t.Fatal(err)
	}
	if want := "name=x&next%5Bname%5D=x&next%5Bnext%5D%5Bname%5D=x"; string(got) != want {
		t.Errorf("EncodeBytes = %s, want %s", got, want)
	}
}

// Types that contain themselves with no struct in between are walked by
// their values alone: empty and nil ones pass, a slice holding itself is
// refused at the bound.
func TestDepthOfSelfContainingTypes(t *testing.T) {
	t.Parallel()
	loop := make(selfSlice, 1)
	loop[0] = loop
	for _, tt := range []struct {
		name    string
		v       any
		wantKey string
	}{
		{"empty slice and map of themselves", &withLoops{}, ""},
		{"nil pointer to itself", &withSelfPointer{}, ""},
		{"nil pointer to itself in an interface", &viaAny{V: selfPointer(nil)}, ""},
		{"short nesting", &withLoops{S: selfSlice{{}, {{}}}, M: selfMap{"a": {"b": nil}}}, ""},
		{"slice holding itself", &withLoops{S: loop}, "s" + strings.Repeat("[0]", 7)},
	} {
		err := form.CheckDepth(tt.v)
		var fe *form.Error
		switch {
		case tt.wantKey == "" && err != nil:
			t.Errorf("%s: %v, want nil", tt.name, err)
		case tt.wantKey != "" && (!errors.As(err, &fe) || fe.Key != tt.wantKey || !strings.Contains(fe.Reason, "nests deeper than 8")):
			t.Errorf("%s: %v, want a *form.Error at %s", tt.name, err, tt.wantKey)
		}
	}
}
