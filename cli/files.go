package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

// outputError is why a file the user named with --out could not be
// written: the kind of file and the path as they gave it, never the
// temporary file it was written through.
func outputError(kind, path string, err error) error {
	dir := filepath.Dir(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	_, dirErr := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && errors.Is(dirErr, fs.ErrNotExist):
		return fmt.Errorf("cannot write the %s to %s: there is no folder %s", kind, path, dir)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write the %s to %s: the folder %s takes no new files", kind, path, dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot write the %s to %s: the folder %s may not be written to", kind, path, dir)
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("cannot write the %s to %s: %s is not a folder", kind, path, dir)
	}
	return fmt.Errorf("cannot write the %s to %s: %v", kind, path, err)
}
