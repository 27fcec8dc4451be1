"""The platform: API client, outbox worker, contract and the sandbox platform."""
