"""Knowledge-base retrieval: articles, chunks, a multilingual encoder, a faiss index and ranking."""
