"""Analytics for the desk: what customers ask, what the bot could not answer, how it went."""
