using Orchestrator.Actors.Native;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Native.MountTables;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Tests.Native;

/// <summary>
/// Check-then-use races: a thread swaps a directory for a symlink in a loop while binds and
/// unmounts run, many times; nothing outside the sandbox may ever be bound in or unmounted.
/// The scratch tree is on the disk, not on a namespace's tmpfs, so that the swapping thread,
/// which stays in the test process's namespace, changes the same directories the native thread sees.
/// </summary>
public sealed partial class NativeOperationsTests
{
    private const int RaceTries = 300;

    // The unmount window (a parent swapped after the check, before umount2) is narrower than the bind one.
    private const int UnmountRaceTries = 1500;

    [RootFact]
    public void BindMount_SourceParentSwappedForSymlink_NeverBindsTheLinkTarget()
    {
        RunOnDisk((ops, layout, scratch) =>
        {
            // Stands for host procfs: what the link swapped in points at.
            var hostRoot = Directory.CreateDirectory(Path.Combine(scratch, "hostroot", "data")).FullName;
            File.WriteAllText(Path.Combine(hostRoot, "secret"), "host");
            var volumes = Path.Combine(scratch, "volumes");
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(volumes, "data")).FullName, "good"), "volume");
            var source = Path.Combine(volumes, "data");
            var (bound, leaked) = (0, new List<string>());
            var failures = new List<string>();

            using (var swapper = new Swapper(volumes, Path.Combine(scratch, "hostroot")))
            {
                for (var i = 0; i < RaceTries; i++)
                {
                    var target = layout.HostMount("c1", "/data" + i);
                    var reply = swapper.Race(() => ops.Execute(new BindMount(source, target, ReadOnly: false)));
                    if (reply is not BindMounted)
                    {
                        failures.Add(((NativeFailed)reply).Error.Errno + " " + ((NativeFailed)reply).Error.Syscall);
                        continue;
                    }

                    bound++;
                    if (File.Exists(Path.Combine(target, "secret")))
                    {
                        leaked.Add(target);
                    }

                    Assert.Equal(UnmountOutcome.Unmounted, Ok<UnmountDone>(ops.Execute(new Unmount(layout.Root, target))).Outcome);
                }
            }

            Assert.Empty(leaked);
            Assert.True(bound > 0, "no bind ever succeeded, the race never ran: " + string.Join(", ", failures.Distinct()));
        });
    }

    [RootFact]
    public void Unmount_ParentSwappedForSymlink_NeverUnmountsOutsideTheRunDir()
    {
        RunOnDisk((ops, layout, scratch) =>
        {
            var source = Directory.CreateDirectory(Path.Combine(scratch, "src")).FullName;
            var container = Path.Combine(layout.Mounts, "c1");
            var outside = Path.Combine(scratch, "outside", "c1");
            var targets = Enumerable.Range(0, UnmountRaceTries).Select(i => Path.Combine(container, "r" + i)).ToArray();
            var victims = Enumerable.Range(0, UnmountRaceTries).Select(i => Path.Combine(outside, "r" + i)).ToArray();
            foreach (var path in targets.Concat(victims))
            {
                Ok<BindMounted>(ops.Execute(new BindMount(source, path, ReadOnly: false)));
            }

            var unmounted = 0;
            using (var swapper = new Swapper(container, outside))
            {
                foreach (var target in targets)
                {
                    if (swapper.Race(() => ops.Execute(new Unmount(layout.Root, target))) is UnmountDone { Outcome: UnmountOutcome.Unmounted })
                    {
                        unmounted++;
                    }
                }
            }

            var table = MountInfo.ReadThread();
            Assert.Equal([], victims.Where(v => !table.IsMountPoint(v)));
            Assert.True(unmounted > 0, "no unmount ever succeeded: the race never ran");
            foreach (var path in targets.Concat(victims))
            {
                Assert.NotEqual(UnmountOutcome.Busy, Ok<UnmountDone>(ops.Execute(new Unmount(scratch, path))).Outcome);
            }

        });
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a private mount namespace with a laid-out sandbox in a scratch
    /// directory on the disk, which the swapping thread (in the process's own namespace) sees too.
    /// Tears the sandbox down after the body and removes the scratch directory either way.
    /// </summary>
    private static void RunOnDisk(Action<NativeOperations, SandboxLayout, string> body)
    {
        var scratch = Directory.CreateTempSubdirectory("orchestrator-race-").FullName;
        try
        {
            PrivateMountNamespace.Run(() =>
            {
                using var ops = new NativeOperations();
                var layout = new SandboxLayout(Path.Combine(scratch, "run"), "s1");
                LayOut(ops, layout);
                body(ops, layout, scratch);
                TearDown(ops, layout);
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// On its own thread, while an operation runs through <see cref="Race{T}"/>, replaces the
    /// directory <c>path</c> by a symlink to <c>link</c> and puts it back, again and again; every
    /// other operation runs undisturbed, so that each kind of outcome happens. The directory is in
    /// place whenever no operation runs.
    /// </summary>
    private sealed class Swapper : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private volatile bool _swapping;
        private volatile bool _idle = true;
        private volatile IOException? _failure;
        private int _calls;

        public Swapper(string path, string link)
        {
            var aside = path + ".aside";
            _thread = new Thread(() =>
            {
                var jitter = new Random(42);
                try
                {
                    while (!_stop)
                    {
                        SpinWait.SpinUntil(() => _stop || _swapping);
                        _idle = false;
                        while (_swapping)
                        {
                            // Jitter, so that the changes land anywhere in the operation.
                            Thread.SpinWait(jitter.Next(0, 2000));
                            Directory.Move(path, aside);
                            File.CreateSymbolicLink(path, link);
                            Swaps++;
                            Thread.SpinWait(jitter.Next(0, 2000));
                            File.Delete(path);
                            Directory.Move(aside, path);
                        }

                        _idle = true;
                    }
                }
                catch (IOException e)
                {
                    // Reported by Dispose: an exception escaping a thread would end the test run.
                    _failure = e;
                    _idle = true;
                }
            })
            {
                IsBackground = true,
                Name = "swapper",
            };
            _thread.Start();
        }

        public int Swaps { get; private set; }

        /// <summary>Runs <paramref name="operation"/>, every other time while the directory is being swapped.</summary>
        public T Race<T>(Func<T> operation)
        {
            if (++_calls % 2 == 1)
            {
                return operation();
            }

            _swapping = true;
            SpinWait.SpinUntil(() => !_idle);
            try
            {
                return operation();
            }
            finally
            {
                _swapping = false;
                SpinWait.SpinUntil(() => _idle);
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            Assert.Null(_failure);
            Assert.True(Swaps > 0, "the swapper never swapped");
        }
    }
}
