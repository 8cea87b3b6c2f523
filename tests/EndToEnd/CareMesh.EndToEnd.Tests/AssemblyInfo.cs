// Each test class starts the whole platform (five processes on this machine's cores): one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
