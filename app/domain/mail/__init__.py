"""Pure rules of e-mail, calendar and webhook delivery: addresses, timing, signatures."""
