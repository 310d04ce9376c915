// Package redisserver starts a throwaway redis-server on 127.0.0.1 for the
// tests and programs of the redis module: no persistence, a free port, and
// stopped when done.
package redisserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// ErrNotInstalled reports that no redis-server binary is on the PATH.
var ErrNotInstalled = errors.New("redis-server is not installed (Debian/Ubuntu: apt-get install redis-server)")

// Server is a running redis-server.
type Server struct {
	// Addr is its host:port, on 127.0.0.1.
	Addr string

	cmd    *exec.Cmd
	dir    string
	exited chan struct{}
	stop   sync.Once
}

// Start starts a redis-server on a free port of 127.0.0.1 without
// persistence and returns once it answers PING. Call Stop when done.
func Start() (*Server, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, ErrNotInstalled
	}
	var lastErr error
	// A free port found by listening can be taken by someone else before
	// redis-server binds it: try a few.
	for try := 0; try < 5; try++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		s, err := start(bin, port)
		if err == nil {
			return s, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

// start starts redis-server on port, and fails when it is not the server
// that answers there.
func start(bin string, port int) (*Server, error) {
	dir, err := os.MkdirTemp("", "redisserver-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin,
		"--bind", "127.0.0.1",
		"--port", strconv.Itoa(port),
		"--save", "",
		"--appendonly", "no",
		"--daemonize", "no",
		"--dir", dir,
		"--loglevel", "warning",
		"--logfile", "",
	)
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting redis-server: %w", err)
	}
	s := &Server{Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), cmd: cmd, dir: dir, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(s.exited)
	}()
	if err := s.waitForPing(10 * time.Second); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitForPing waits until the server answers, and checks that it is ours.
func (s *Server) waitForPing(limit time.Duration) error {
	c := goredis.NewClient(&goredis.Options{Addr: s.Addr, MaxRetries: -1, DialTimeout: time.Second})
	defer c.Close()
	deadline := time.Now().Add(limit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		info, err := c.Info(ctx, "server").Result()
		cancel()
		if err == nil {
			// Another server may hold the port (taken between freePort
			// and the bind): ours then exits, but PING would be answered.
			if !strings.Contains(info, "\nprocess_id:"+strconv.Itoa(s.cmd.Process.Pid)+"\r\n") {
				return fmt.Errorf("another server answers on %s", s.Addr)
			}
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("redis-server on %s exited before answering PING", s.Addr)
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("redis-server on %s did not answer PING within %v: %w", s.Addr, limit, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Client returns a new go-redis client of the server, closed by the caller.
func (s *Server) Client() *goredis.Client {
	return goredis.NewClient(&goredis.Options{Addr: s.Addr})
}

// Stop kills the server and waits for it to exit. It may be called more
// than once.
func (s *Server) Stop() {
	s.stop.Do(func() {
		_ = s.cmd.Process.Kill()
		<-s.exited
		os.RemoveAll(s.dir)
	})
}

// New starts a server for the test and stops it in t.Cleanup. Without
// redis-server on the PATH the test is skipped, unless the environment
// variable CI is "true": in CI the test fails instead.
func New(t testing.TB) *Server {
	t.Helper()
	s, err := Start()
	if errors.Is(err, ErrNotInstalled) && os.Getenv("CI") != "true" {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatalf("redisserver: %v", err)
	}
	t.Cleanup(s.Stop)
	return s
}

// NewClient starts a server for the test (see New) and returns a go-redis
// client of it, closed in t.Cleanup.
func NewClient(t testing.TB) (*Server, *goredis.Client) {
	t.Helper()
	s := New(t)
	c := s.Client()
	t.Cleanup(func() { c.Close() })
	return s, c
}
