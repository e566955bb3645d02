using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Actors.Persistence.Serialization;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Hosting;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// <c>orchestrator journal ids|show|plan</c>: read the journal directly (the configured one, as
/// <c>serve</c> would open it), so operators can look at it while the server is down after a crash.
/// Each names the journal it reads on stderr, and none creates or writes one.
/// </summary>
public static class JournalCommands
{
    public static Command Build()
    {
        var ids = new Command("ids", "List every persistence id that has events, sorted: 'sandboxes' (the manager), sandbox-<sid>-<n> and container/<sid>/<n>/<cid>/<m>, one per incarnation");
        ids.SetAction((parse, ct) => ReadAsync(parse, ct, async (journal, output) =>
        {
            var all = await journal.PersistenceIdsAsync(ct);
            if (output.Json)
            {
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(all, CliOutput.JsonOptions));
            }
            else if (all.Count == 0)
            {
                await output.Out.WriteLineAsync("no events in the journal");
            }
            else
            {
                foreach (var id in all)
                {
                    await output.Out.WriteLineAsync(id);
                }
            }

            return ExitCodes.Ok;
        }));

        var pid = new Argument<string>("persistence-id") { Description = "An id 'journal ids' lists: sandboxes, sandbox-<sid>-<n>, container/<sid>/<n>/<cid>/<m>" };
        var show = new Command("show", "Print one persistence id's events in order: sequence number, time (UTC), event and its data") { pid };
        show.SetAction((parse, ct) => ReadAsync(parse, ct, async (journal, output) =>
        {
            var persistenceId = parse.GetValue(pid)!;
            var events = await SandboxJournalReader.ReadEventsAsync(journal, persistenceId, ct);
            if (events.Count == 0)
            {
                throw new CliException(ExitCodes.NotFound, $"no events for '{persistenceId}' (list them with 'orchestrator journal ids')");
            }

            if (output.Json)
            {
                var rows = events.Select(e => new { sequenceNr = e.SequenceNr, manifest = e.Manifest, timestamp = e.Timestamp, payload = e.Payload });
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(rows, JournalEventTable.JsonOptions));
                return ExitCodes.Ok;
            }

            output.Write(JournalEventTable.Render(persistenceId, events));
            return ExitCodes.Ok;
        }));

        var sandbox = new Argument<string>("sandbox") { Description = "The sandbox id" };
        var destroy = new Option<bool>("--destroy") { Description = "Also list what destroying the sandbox would undo" };
        var plan = new Command("plan", "List the cleanup that recovery would perform now for a sandbox (with --destroy, what destroying it would undo), without doing it") { sandbox, destroy };
        plan.SetAction((parse, ct) => ReadAsync(parse, ct, async (journal, output) =>
        {
            var view = await SandboxJournalReader.ReadAsync(journal, parse.GetValue(sandbox)!, ct)
                ?? throw new CliException(ExitCodes.NotFound, $"the journal has no sandbox '{parse.GetValue(sandbox)}'");
            var steps = CleanupPlan.For(view, parse.GetValue(destroy));
            if (output.Json)
            {
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(new { sandboxId = view.SandboxId, lifecycle = view.Sandbox.Lifecycle.ToString(), steps }, CliOutput.JsonOptions));
                return ExitCodes.Ok;
            }

            var lifecycle = view.Sandbox.Lifecycle.ToString().ToLowerInvariant();
            await output.Out.WriteLineAsync($"sandbox {view.SandboxId}: {lifecycle}, {CliOutput.Count(view.Containers.Count, "container")}; {CliOutput.Count(steps.Count, "step")}");
            if (steps.Count == 0)
            {
                await output.Out.WriteLineAsync(parse.GetValue(destroy) ? "nothing to undo" : "nothing to clean up (add --destroy to see what destroying it would undo)");
                return ExitCodes.Ok;
            }

            var table = CliOutput.Table("#", "OWNER", "ACTION", "TARGET", "WHY");
            table.Columns[0].RightAligned();
            table.Columns[3].NoWrap = false;
            table.Columns[4].NoWrap = false;
            for (var i = 0; i < steps.Count; i++)
            {
                var s = steps[i];
                table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Owner), Markup.Escape(s.Action), Markup.Escape(s.Target), Markup.Escape(s.Reason));
            }

            output.Write(table);
            return ExitCodes.Ok;
        }));

        return new Command("journal", "Read the journal directly, with or without a running server: persistence ids, events, and what recovery would clean up") { ids, show, plan };
    }

    /// <summary>Opens the configured journal (saying which on stderr), runs <paramref name="read"/>, and turns the journal's failures into one line.</summary>
    private static Task<int> ReadAsync(ParseResult parse, CancellationToken ct, Func<JournalRows, CliOutput, Task<int>> read) =>
        CliRunner.RunLocalAsync(parse, async output =>
        {
            var configuration = CliContext.Configuration(parse);
            var options = CliContext.ServerOptions(configuration);
            await output.Error.WriteLineAsync("journal: " + Describe(options, configuration));
            try
            {
                await using var journal = await OrchestratorOptions.OpenJournalRowsAsync(options, ct);
                return await read(journal, output);
            }
            catch (JournalSchemaException e)
            {
                var key = options.JournalProvider == JournalProvider.Postgres ? "Orchestrator:Journal:ConnectionString" : "Orchestrator:StateDir";
                throw new CliException(e.Missing ? ExitCodes.NotFound : ExitCodes.ServerError, e.Missing ? $"{e.Message}; is {key} the server's?" : e.Message);
            }
            catch (EventSerializationException e)
            {
                throw new CliException(ExitCodes.ServerError, $"journal {options.Journal.Location}: {e.Message}");
            }
            catch (DbException e)
            {
                throw new CliException(ExitCodes.ServerError, $"journal {options.Journal.Location}: {e.Message}");
            }
        });

    /// <summary><c>sqlite /x/journal.db (Orchestrator:StateDir from --Orchestrator:StateDir)</c>: where, and which setting put it there.</summary>
    public static string Describe(OrchestratorOptions options, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.JournalProvider == JournalProvider.Postgres
            ? $"postgres {options.Journal.Location} ({ConfigurationOrigin.Describe(configuration, OrchestratorOptions.Section + ":Journal:ConnectionString")})"
            : $"sqlite {options.JournalPath} ({ConfigurationOrigin.Describe(configuration, OrchestratorOptions.Section + ":StateDir")})";
    }
}
