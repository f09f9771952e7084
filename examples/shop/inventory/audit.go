package main

import (
	"bytes"
	"net/http"
)

// auditClient ships audit events to the compliance service.
var auditClient = &http.Client{}

// recordAudit sends one audit event. It reports success even when the
// compliance service rejects it.
func recordAudit(event []byte) error {
	resp, err := auditClient.Post("http://audit:9100/events", "application/json", bytes.NewReader(event))
	if err != nil {
		return nil
	}
	return resp.Body.Close()
}

// releaseStock returns reserved units to the pool.
func releaseStock(sku string) error {
	return nil
}
