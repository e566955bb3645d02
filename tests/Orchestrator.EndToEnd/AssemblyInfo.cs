// Every test starts real server processes and mounts in a shared namespace; on two cores,
// running classes side by side only makes timings noisy.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
