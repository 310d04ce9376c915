package transport

import (
	"fmt"
	"io"
	"sync"
)

// ErrBodyTooLarge reports a 2xx response body longer than MaxBodyBytes.
// Such a body is not read further, nor retried; over the cap, another
// status comes without its body. Its text states the cap, derived from
// MaxBodyBytes.
var ErrBodyTooLarge = fmt.Errorf("response body exceeds the read cap of %d MiB", MaxBodyBytes>>20)

// maxPrealloc bounds the buffer allocated from Content-Length before that
// many bytes have arrived.
const maxPrealloc = 4 << 20

// maxPooledBody bounds the buffers kept for reuse, so that one huge
// response does not stay in memory.
const maxPooledBody = 1 << 20

// bodyKeep holds a few response body buffers that outlive garbage
// collections, which empty bodyPool, holding the rest.
var (
	bodyPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}
	bodyKeep = make(chan *[]byte, 4)
)

func getBody() *[]byte {
	select {
	case bp := <-bodyKeep:
		return bp
	default:
		return bodyPool.Get().(*[]byte)
	}
}

func putBody(bp *[]byte) {
	if bp != nil && cap(*bp) <= maxPooledBody {
		*bp = (*bp)[:0]
		select {
		case bodyKeep <- bp:
		default:
			bodyPool.Put(bp)
		}
	}
}

// readBody reads and closes a response body of at most limit bytes (else
// ErrBodyTooLarge) into a pooled buffer; a body shorter than its declared
// length is an error.
func readBody(rc io.ReadCloser, length, limit int64) (*[]byte, error) {
	defer rc.Close()
	bp := getBody()
	switch {
	case length > limit:
		return bp, ErrBodyTooLarge
	case length > 0:
		return readKnown(rc, bp, length)
	}
	return readUnknown(rc, bp, limit)
}

// maxChunk bounds the chunks a body of unknown length is gathered in.
const maxChunk = 4 << 20

// readUnknown reads a body of unknown length into bp, doubling it up to
// maxPooledBody; past that, chunks joined once at the end cost at most about
// twice the size, where doubling peaks at three times.
func readUnknown(rc io.Reader, bp *[]byte, limit int64) (*[]byte, error) {
	lr := io.LimitedReader{R: rc, N: limit + 1}
	b := (*bp)[:0]
	for {
		if len(b) == cap(b) {
			if cap(b) >= maxPooledBody {
				*bp = b
				return readChunks(&lr, bp, limit)
			}
			nb := make([]byte, len(b), max(2*cap(b), 16<<10))
			copy(nb, b)
			b = nb
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			*bp = b
			return bp, endOfBody(int64(len(b)), limit, err)
		}
	}
}

// readChunks reads the rest of a body whose first bytes fill bp, in chunks
// of growing size, and joins them into one buffer.
func readChunks(lr *io.LimitedReader, bp *[]byte, limit int64) (*[]byte, error) {
	chunks := [][]byte{*bp}
	total, size := int64(len(*bp)), len(*bp)
	var err error
	for err == nil {
		size = min(2*size, maxChunk)
		c := make([]byte, size)
		var n int
		n, err = fill(lr, c)
		chunks = append(chunks, c[:n])
		total += int64(n)
	}
	if err = endOfBody(total, limit, err); err != nil {
		return bp, err
	}
	full := make([]byte, 0, total)
	for _, c := range chunks {
		full = append(full, c...)
	}
	return &full, nil
}

// fill reads into p until p is full (nil error) or the reader stops.
func fill(r *io.LimitedReader, p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := r.Read(p[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// endOfBody turns the error that ended the reading of n bytes into the
// result: none at a clean end, ErrBodyTooLarge past the limit.
func endOfBody(n, limit int64, err error) error {
	switch {
	case n > limit:
		return ErrBodyTooLarge
	case err == io.EOF:
		return nil
	}
	return err
}

// readKnown reads a body of the given length into bp. Only maxPrealloc
// bytes are allocated before data arrives, so that a server cannot make the
// client set aside much more than it sends; then one buffer of the full
// length takes the rest.
func readKnown(rc io.Reader, bp *[]byte, length int64) (*[]byte, error) {
	first := min(length, maxPrealloc)
	b := *bp
	if int64(cap(b)) < first {
		b = make([]byte, first)
	}
	n, err := io.ReadFull(rc, b[:first])
	if err != nil || first == length {
		*bp = b[:n]
		return bp, err
	}
	full := make([]byte, length)
	copy(full, b[:n])
	putBody(bp)
	n, err = io.ReadFull(rc, full[first:])
	full = full[:first+int64(n)]
	return &full, err
}
