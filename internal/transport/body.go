package transport

import (
	"errors"
	"io"
	"sync"
)

// ErrBodyTooLarge reports a response body longer than MaxBodyBytes. Such a
// body is not read further, nor retried.
var ErrBodyTooLarge = errors.New("response body exceeds the read cap of 64 MiB")

// maxPrealloc bounds the buffer allocated from Content-Length before that
// many bytes have arrived.
const maxPrealloc = 4 << 20

// maxPooledBody bounds the buffers kept for reuse, so that one huge
// response does not stay in memory.
const maxPooledBody = 1 << 20

// bodyPool holds response body buffers.
var bodyPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

func putBody(bp *[]byte) {
	if bp != nil && cap(*bp) <= maxPooledBody {
		*bp = (*bp)[:0]
		bodyPool.Put(bp)
	}
}

// readBody reads and closes a response body, at most limit bytes of it
// (MaxBodyBytes outside tests), into a buffer from bodyPool. A longer body
// is ErrBodyTooLarge. A body of
// known length is read into one buffer of that length (net/http reports EOF
// with the last bytes, which releases the connection for reuse); a shorter
// body is an error.
func readBody(rc io.ReadCloser, length, limit int64) (*[]byte, error) {
	defer rc.Close()
	bp := bodyPool.Get().(*[]byte)
	switch {
	case length > limit:
		return bp, ErrBodyTooLarge
	case length > 0:
		return readKnown(rc, bp, length)
	}
	lr := io.LimitedReader{R: rc, N: limit + 1}
	b := (*bp)[:0]
	for {
		if len(b) == cap(b) {
			// Doubling, but never past the cap plus the one byte that
			// tells a body over it.
			nb := make([]byte, len(b), int(min(max(2*int64(cap(b)), 16<<10), limit+1)))
			copy(nb, b)
			b = nb
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			*bp = b
			if int64(len(b)) > limit {
				return bp, ErrBodyTooLarge
			}
			if err == io.EOF {
				err = nil
			}
			return bp, err
		}
	}
}

// readKnown reads a body of the given length into bp. A declared length
// is trusted for one exact allocation only up to maxPrealloc at first: a
// broken or hostile server cannot make the client set aside much more
// memory than it actually sends. Once that much has arrived, the rest is
// read into one buffer of the full length, so that a large body costs its
// length plus at most maxPrealloc, not the copies of a growing buffer.
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
