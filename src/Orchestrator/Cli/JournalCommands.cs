using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Actors.Persistence.Sql;
using Orchestrator.Actors.Sandboxes;
using Orchestrator.Hosting;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// <c>orchestrator journal ids|show|plan</c>: read the journal directly (the configured one, as
/// <c>serve</c> would open it), so operators can look at it while the server is down after a crash.
/// </summary>
public static class JournalCommands
{
    public static Command Build()
    {
        var ids = new Command("ids", "List every persistence id in the journal");
        ids.SetAction((parse, ct) => CliRunner.RunLocalAsync(async () =>
        {
            await using var journal = await OpenAsync(ct);
            var all = await journal.PersistenceIdsAsync(ct);
            var output = CliContext.Output(parse);
            if (output.Json)
            {
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(all));
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

        var pid = new Argument<string>("persistence-id") { Description = "e.g. sandboxes, sandbox-<sid>-<n>, container-<sid>-<cid>-<n>" };
        var show = new Command("show", "Print one persistence id's events, in order") { pid };
        show.SetAction((parse, ct) => CliRunner.RunLocalAsync(async () =>
        {
            await using var journal = await OpenAsync(ct);
            var events = await SandboxJournalReader.ReadEventsAsync(journal, parse.GetValue(pid)!, ct);
            var output = CliContext.Output(parse);
            if (events.Count == 0)
            {
                throw new CliException(ExitCodes.NotFound, $"no events for '{parse.GetValue(pid)}' (list them with 'orchestrator journal ids')");
            }

            if (output.Json)
            {
                var rows = events.Select(e => new { sequenceNr = e.SequenceNr, manifest = e.Manifest, timestamp = e.Timestamp, payload = e.Payload });
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(rows, Actors.Persistence.Serialization.EventSerializer.CreateOptions()));
                return ExitCodes.Ok;
            }

            var table = CliOutput.Table("SEQ", "TIME (UTC)", "EVENT", "DATA");
            var options = Actors.Persistence.Serialization.EventSerializer.CreateOptions();
            foreach (var e in events)
            {
                table.AddRow(e.SequenceNr.ToString(CultureInfo.InvariantCulture), e.Timestamp.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(e.Manifest),
                    Markup.Escape(JsonSerializer.Serialize(e.Payload, e.Payload.GetType(), options)));
            }

            output.Write(table);
            return ExitCodes.Ok;
        }));

        var sandbox = new Argument<string>("sandbox") { Description = "The sandbox id" };
        var destroy = new Option<bool>("--destroy") { Description = "Also list what destroying the sandbox would undo" };
        var plan = new Command("plan", "The cleanup that replay would perform now for a sandbox, without doing it") { sandbox, destroy };
        plan.SetAction((parse, ct) => CliRunner.RunLocalAsync(async () =>
        {
            await using var journal = await OpenAsync(ct);
            var view = await SandboxJournalReader.ReadAsync(journal, parse.GetValue(sandbox)!, ct)
                ?? throw new CliException(ExitCodes.NotFound, $"the journal has no sandbox '{parse.GetValue(sandbox)}'");
            var steps = CleanupPlan.For(view, parse.GetValue(destroy));
            var output = CliContext.Output(parse);
            if (output.Json)
            {
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(new { sandboxId = view.SandboxId, lifecycle = view.Sandbox.Lifecycle.ToString(), steps }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
                return ExitCodes.Ok;
            }

            await output.Out.WriteLineAsync($"sandbox {view.SandboxId}: {view.Sandbox.Lifecycle}, {view.Containers.Count} containers; {steps.Count} steps");
            var table = CliOutput.Table("#", "OWNER", "ACTION", "TARGET", "WHY");
            for (var i = 0; i < steps.Count; i++)
            {
                var s = steps[i];
                table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Owner), Markup.Escape(s.Action), Markup.Escape(s.Target), Markup.Escape(s.Reason));
            }

            output.Write(table);
            return ExitCodes.Ok;
        }));

        return new Command("journal", "Read the journal directly: persistence ids, events, and what replay would clean up") { ids, show, plan };
    }

    private static async Task<JournalRows> OpenAsync(CancellationToken ct)
    {
        var options = CliContext.ServerOptions();
        if (options.JournalProvider == JournalProvider.Sqlite && !File.Exists(options.JournalPath))
        {
            throw new CliException(ExitCodes.NotFound, $"no journal at {options.JournalPath} (Orchestrator:StateDir)");
        }

        try
        {
            return await OrchestratorOptions.OpenJournalRowsAsync(options, ct);
        }
        catch (JournalSchemaException e)
        {
            throw new CliException(ExitCodes.ServerError, e.Message);
        }
    }
}
