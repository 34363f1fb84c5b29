"""`factcheck serve`: a local HTTP service that keeps the model and index warm.

app.py     the FastAPI application (POST /check, GET /health, /openapi.json)
server.py  loads the checker once and runs it under uvicorn (127.0.0.1 by default)
client.py  what `factcheck check --server URL` uses: stdlib HTTP, no heavy imports
cli.py     the `serve` command, registered in factcheck/cli.py
"""
