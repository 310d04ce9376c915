package redisserver

import (
	"net"
	"os/exec"
	"strconv"
	"testing"
)

// A port taken by another redis-server between freePort and the bind: the
// new server exits, and start must not hand out the other one's address as
// its own (the tests would then share a Redis, and lose it when the other
// stops).
func TestStartRefusesAPortAnotherServerHolds(t *testing.T) {
	t.Parallel()
	other := New(t)
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal(err)
	}
	_, p, _ := net.SplitHostPort(other.Addr)
	port, _ := strconv.Atoi(p)
	s, err := start(bin, port)
	if err == nil {
		s.Stop()
		t.Fatalf("start on %s, a port another server holds, succeeded", other.Addr)
	}
}
