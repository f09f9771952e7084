package main

import (
	"bytes"
	"log"
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

// auditEvents buffers events for the shipper goroutine: lost on every restart.
var auditEvents = make(chan []byte, 256)

func queueAudit(event []byte) {
	auditEvents <- event
}

func shipAudits() {
	for event := range auditEvents {
		if err := recordAudit(event); err != nil {
			log.Printf("audit: %v", err)
		}
	}
}
