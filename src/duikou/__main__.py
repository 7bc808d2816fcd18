from duikou.cli import main

main()
