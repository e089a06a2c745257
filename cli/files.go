package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// openInput opens a file the user named to read from (a routine file, a
// prescription, an export to import): a regular file, or a pipe such as
// <(...). It never waits: a named pipe with no writer yet reads as empty
// instead of hanging, and a directory or a device is refused. Its errors
// do not repeat the path: the caller's sentence names it.
func openInput(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, errors.Unwrap(err) // the *PathError would name the path again
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	switch mode := info.Mode(); {
	case mode.IsRegular(), mode&fs.ModeNamedPipe != 0:
		return f, nil
	case mode.IsDir():
		f.Close()
		return nil, errors.New("it is a directory")
	default:
		f.Close()
		return nil, errors.New("it is not a regular file")
	}
}

// readInput reads a whole input file of at most max bytes.
func readInput(path string, max int64) ([]byte, error) {
	f, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("it is larger than %d bytes", max)
	}
	return data, nil
}
