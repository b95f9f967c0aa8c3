"""The gateway's own database: conversations, messages, handoffs, notes, ratings, desk accounts."""
