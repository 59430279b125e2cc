from ntm_tracker.cli import main

main()
