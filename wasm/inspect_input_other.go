//go:build !js && !unix

package main

import "os"

func mapFile(f *os.File) (*input, bool) { return nil, false }

func (in *input) forget(upTo int) {}

func (in *input) close() {}
