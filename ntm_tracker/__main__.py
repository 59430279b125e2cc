from ntm_tracker.launch import main

main()
