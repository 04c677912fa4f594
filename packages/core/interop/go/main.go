// Command fixed-length-id prints Flyte's FixedLengthUniqueIDForParts for JSON cases read from
// stdin, for the tasklens interop test of fixedLengthUniqueId (packages/core/interop/ids.test.ts).
//
//	stdin:  [{"parts": ["a", "b"], "max": 20}, …]
//	stdout: [{"id": "a-b", "error": false}, …]
package main

import (
	"encoding/json"
	"os"

	"github.com/flyteorg/flyteplugins/go/tasks/pluginmachinery/encoding"
)

type testCase struct {
	Parts []string `json:"parts"`
	Max   int      `json:"max"`
}

type result struct {
	ID    string `json:"id"`
	Error bool   `json:"error"`
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	results := make([]result, 0, len(cases))
	for _, c := range cases {
		id, err := encoding.FixedLengthUniqueIDForParts(c.Max, c.Parts)
		results = append(results, result{ID: id, Error: err != nil})
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		panic(err)
	}
}
