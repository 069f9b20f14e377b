from tessera.server.cli import main

main()
