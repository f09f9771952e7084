//! RES006 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    // Temporal workflow code: the engine owns retries and timers (`workflow.Sleep`
    // is a durable timer), so a loop there is not a hand-rolled retry.
    Case::new(
        "svc/workflow.go",
        r#"
package svc

import "go.temporal.io/sdk/workflow"

func OrderWorkflow(ctx workflow.Context) error {
	for i := 0; i < 5; i++ {
		err := workflow.ExecuteActivity(ctx, Charge).Get(ctx, nil)
		if err != nil {
			continue
		}
		return nil
	}
	return nil
}
"#,
    ),
    Case::new(
        "svc/activity.go",
        r#"
package svc

import "context"

func Charge(ctx context.Context) error {
	for i := 0; i < 5; i++ {  // expect: RES006
		err := callBank(ctx)
		if err != nil {
			continue
		}
		return nil
	}
	return nil
}
"#,
    ),
    Case::new(
        "src/workflows.ts",
        r#"
import { proxyActivities, sleep } from '@temporalio/workflow';

export async function order(): Promise<void> {
  for (let attempt = 1; attempt <= 3; ++attempt) {
    try {
      return await charge();
    } catch (err) {
      continue;
    }
  }
}
"#,
    ),
    Case::new(
        "app/sync.py",
        r#"
import time
import requests
from requests.adapters import HTTPAdapter, Retry
from tenacity import retry, stop_after_attempt, wait_fixed, wait_none

@retry(stop=stop_after_attempt(3))  # expect: RES006
def a():
    pass

@retry(stop=stop_after_attempt(3), wait=wait_none())  # expect: RES006
def b():
    pass

# A constant wait spaces the attempts.
@retry(stop=stop_after_attempt(3), wait=wait_fixed(2))
def b2():
    pass

adapter = HTTPAdapter(max_retries=Retry(total=5, status_forcelist=[502, 503]))  # expect: RES006

def c():
    for attempt in range(5):
        try:
            return requests.get('http://x', timeout=5)
        except requests.RequestException:
            time.sleep(1)

def c2():
    for attempt in range(5):  # expect: RES006
        try:
            return requests.get('http://x', timeout=5)
        except requests.RequestException:
            pass

def d():
    while True:  # expect: RES006
        try:
            return requests.get('http://x', timeout=5)
        except requests.RequestException:
            continue
"#,
    ),
    Case::new(
        "app/ok.py",
        r#"
import random, time
import requests
from urllib3.util.retry import Retry
from tenacity import retry, stop_after_attempt, wait_exponential_jitter, wait_fixed, wait_random

@retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(max=10))
def a():
    pass

@retry(stop=stop_after_attempt(3), wait=wait_fixed(1) + wait_random(0, 1))
def b():
    pass

r = Retry(total=5, backoff_factor=0.5)

def c():
    for attempt in range(5):
        try:
            return requests.get('http://x', timeout=5)
        except requests.RequestException:
            time.sleep(min(30, 2 ** attempt) * random.random())

def mirrors(urls):
    for url in urls:
        try:
            return requests.get(url, timeout=5)
        except requests.RequestException:
            continue
"#,
    ),
    Case::new(
        "svc/sync.go",
        r#"
package svc

import "time"

func Fetch() ([]byte, error) {
	var err error
	for i := 0; i < 5; i++ {
		var b []byte
		b, err = get()
		if err != nil {
			time.Sleep(500 * time.Millisecond)
			continue
		}
		return b, nil
	}
	return nil, err
}
"#,
    ),
    Case::new(
        "svc/ok.go",
        r#"
package svc

import "time"

func Fetch() ([]byte, error) {
	var err error
	delay := 100 * time.Millisecond
	for i := 0; i < 5; i++ {
		var b []byte
		b, err = get()
		if err != nil {
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return b, nil
	}
	return nil, err
}

func Each(urls []string) []byte {
	for _, u := range urls {
		b, err := getURL(u)
		if err != nil {
			continue
		}
		return b
	}
	return nil
}
"#,
    ),
    // Loops paced by what arrives consume; they do not retry.
    Case::new(
        "svc/consume.go",
        r#"
package svc

import (
	"context"
	"errors"
)

func Watch(ctx context.Context, events chan Event) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev := <-events:
			if err := apply(ev); err != nil {
				continue
			}
			if ev.Last {
				return nil
			}
		}
	}
}

func Messages(sub *Subscription) (*Msg, error) {
	for {
		msg, err := sub.NextMsg(timeout)
		if err != nil {
			if errors.Is(err, ErrTimeout) {
				continue
			}
			return nil, err
		}
		return msg, nil
	}
}
"#,
    ),
    Case::new(
        "svc/coordinator.go",
        r#"
package svc

import "time"

func (s *Session) coordinator() (*Broker, error) {
	timer := time.NewTimer(s.backoff)
	defer timer.Stop()
	retries := 3
	for {
		b, err := s.client.Coordinator(s.group)
		if err != nil {
			if retries <= 0 {
				return nil, err
			}
			timer.Reset(s.backoff)
			select {
			case <-s.dying:
				return nil, err
			case <-timer.C:
				retries--
			}
			continue
		}
		return b, nil
	}
}
"#,
    ),
    Case::new(
        "server/sync.ts",
        r#"
import express from 'express';

export async function load() {
  for (let attempt = 0; attempt < 5; attempt++) {  // expect: RES006
    try {
      return await fetchRates();
    } catch (err) {
      console.warn('rates failed', err);
    }
  }
}

export async function paced() {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetchRates();
    } catch (err) {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
"#,
    ),
    Case::new(
        "server/ok.ts",
        r#"
import express from 'express';

export async function load() {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetchRates();
    } catch (err) {
      await sleep(2 ** attempt * 100 + Math.random() * 100);
    }
  }
}
"#,
    ),
];
