// The platform is started once for all browser tests (WorkspaceCollection); one test at a time drives it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
