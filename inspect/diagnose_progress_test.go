package inspect

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// DiagnoseProgress must give the same report as Diagnose and report
// progress in order, below the total.
func TestDiagnoseProgress(t *testing.T) {
	c, err := ParseHAR(context.Background(), genHAR(1000, 256), nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	var calls []int
	got := DiagnoseProgress(c, Requirement{}, now, 0, func(done, total int) {
		if total != len(c.Entries) || done <= 0 || done >= total {
			t.Errorf("progress(%d, %d) with %d entries", done, total, len(c.Entries))
		}
		calls = append(calls, done)
	})
	if want := Diagnose(c, Requirement{}, now, 0); !reflect.DeepEqual(got, want) {
		t.Error("DiagnoseProgress and Diagnose disagree")
	}
	if len(calls) != (len(c.Entries)-1)/progressEvery {
		t.Errorf("progress called %d times for %d entries", len(calls), len(c.Entries))
	}
}
