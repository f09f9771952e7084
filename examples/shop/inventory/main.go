// Command inventory serves stock levels and reserves items with the warehouse.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"time"
)

// warehouse is the shared client for the warehouse API: bounded at 10 s.
var warehouse = &http.Client{Timeout: 10 * time.Second}

func stock(w http.ResponseWriter, r *http.Request) {
	resp, err := warehouse.Get("http://warehouse:7000/stock?sku=" + r.URL.Query().Get("sku"))
	if err != nil {
		http.Error(w, "warehouse unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	if _, err := w.Write([]byte(`{"ok":true}`)); err != nil {
		log.Printf("write stock response: %v", err)
	}
}

func reserve(w http.ResponseWriter, r *http.Request) {
	// The default client has no timeout: a stalled warehouse holds this handler.
	resp, err := http.Post("http://warehouse:7000/reservations", "application/json", r.Body)
	if err != nil {
		http.Error(w, "warehouse unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	if err := json.NewEncoder(w).Encode(map[string]bool{"reserved": true}); err != nil {
	}
}

func release(w http.ResponseWriter, r *http.Request) {
	if err := releaseStock(r.URL.Query().Get("sku")); err != nil {
		// The database error, table names and all, goes to the caller.
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("/stock", stock)
	mux.HandleFunc("/reserve", reserve)
	mux.HandleFunc("/release", release)
	// Metrics on a side port, with no timeouts at all.
	go func() {
		log.Println(http.ListenAndServe(":9102", http.DefaultServeMux))
	}()
	srv := &http.Server{Addr: ":8081", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
