"""`python -m bot.rasa_server run ...`: the Rasa server with this project's patches."""

from bot.rasa_server.server import main

main()
