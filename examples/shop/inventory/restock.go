package main

import (
	"context"

	"go.temporal.io/sdk/client"
)

// startRestock asks the warehouse to restock a SKU. No workflow ID: a retried
// call starts a second restock.
func startRestock(ctx context.Context, c client.Client, sku string) error {
	opts := client.StartWorkflowOptions{TaskQueue: "restock"}
	_, err := c.ExecuteWorkflow(ctx, opts, "Restock", sku)
	return err
}

// startRecount recounts a SKU; the ID makes retries find the running workflow.
func startRecount(ctx context.Context, c client.Client, sku string) error {
	opts := client.StartWorkflowOptions{ID: "recount-" + sku, TaskQueue: "restock"}
	_, err := c.ExecuteWorkflow(ctx, opts, "Recount", sku)
	return err
}
