using BenchmarkDotNet.Running;

// The hot path's micro-benchmarks (issue 8). `dotnet run -c Release --project tests/CreatorStream.Benchmarks -- --filter '*'`.
BenchmarkSwitcher.FromAssembly(typeof(CreatorStream.Benchmarks.Traffic).Assembly).Run(args);
