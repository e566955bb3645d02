using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Actors.Runtime;

public sealed partial class ActorSystem
{
    private readonly Lock _extensionsLock = new();
    private readonly Dictionary<Type, object> _extensions = [];
    private readonly List<object> _extensionOrder = [];

    /// <summary>
    /// A system-wide singleton keyed by its type, created by <paramref name="factory"/> on first use (at most
    /// once). Extensions that are <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> are disposed,
    /// newest first, after every actor has stopped.
    /// </summary>
    public T GetOrAddExtension<T>(Func<ActorSystem, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (_extensionsLock)
        {
            if (_extensions.TryGetValue(typeof(T), out var existing))
            {
                return (T)existing;
            }

            var created = factory(this) ?? throw new InvalidOperationException($"The factory of extension {typeof(T).Name} returned null.");
            _extensions.Add(typeof(T), created);
            _extensionOrder.Add(created);
            return created;
        }
    }

    public bool TryGetExtension<T>([NotNullWhen(true)] out T? extension)
        where T : class
    {
        lock (_extensionsLock)
        {
            extension = _extensions.TryGetValue(typeof(T), out var existing) ? (T)existing : null;
            return extension is not null;
        }
    }

    private async Task DisposeExtensionsAsync()
    {
        object[] extensions;
        lock (_extensionsLock)
        {
            extensions = [.. _extensionOrder];
        }

        for (var i = extensions.Length - 1; i >= 0; i--)
        {
            try
            {
                switch (extensions[i])
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
            catch (Exception e)
            {
                // One extension failing to close must not keep the others (or WhenTerminated) from finishing.
                RuntimeLog.ExtensionDisposeFailed(Log, e, extensions[i].GetType().Name, Name);
            }
        }
    }
}
