// Each fixture starts the whole platform: one test class at a time on this machine's cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
