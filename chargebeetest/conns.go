package chargebeetest

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// connSet tracks the open client connections of a Server, so that Close can
// end the reads of clients that stall in the middle of a request.
type connSet struct {
	mu sync.Mutex
	m  map[net.Conn]struct{}
}

// track is the http.Server ConnState hook.
func (cs *connSet) track(c net.Conn, state http.ConnState) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	switch state {
	case http.StateNew:
		if cs.m == nil {
			cs.m = make(map[net.Conn]struct{})
		}
		cs.m[c] = struct{}{}
	case http.StateHijacked, http.StateClosed:
		delete(cs.m, c)
	}
}

// expireReads makes every pending and future read on the tracked
// connections fail at once. A client that sent only part of its headers or
// body then gets its request refused instead of holding the server open;
// writes are not affected, so requests already read are still answered.
func (cs *connSet) expireReads() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	now := time.Now()
	for c := range cs.m {
		_ = c.SetReadDeadline(now)
	}
}
