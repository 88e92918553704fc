package inspect

import "strconv"

// byteSize writes a size for an error message: "812 bytes", "4 MB",
// "1.5 MB" (powers of 1024, one decimal when it matters).
func byteSize(n int) string {
	const kb, mb = 1 << 10, 1 << 20
	unit := func(v int, u int, name string) string {
		whole := v / u
		tenth := v % u * 10 / u
		if tenth == 0 || whole >= 100 {
			return strconv.Itoa(whole) + " " + name
		}
		return strconv.Itoa(whole) + "." + strconv.Itoa(tenth) + " " + name
	}
	switch {
	case n >= mb:
		return unit(n, mb, "MB")
	case n >= kb:
		return unit(n, kb, "KB")
	}
	return strconv.Itoa(n) + " bytes"
}

// groupDigits writes n with a comma every three digits: 99,990.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}
