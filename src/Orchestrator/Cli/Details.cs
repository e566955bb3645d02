using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>One object's fields as indented "name  value" lines: a one-row table would spend a header on each field.</summary>
public static class Details
{
    public static Grid Create() => new Grid()
        .AddColumn(new GridColumn().NoWrap().PadLeft(2).PadRight(2))
        .AddColumn(new GridColumn());

    /// <summary>Adds <paramref name="name"/> with its value, unless the value is absent.</summary>
    public static Grid Field(this Grid grid, string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return value is null ? grid : grid.AddRow(Markup.Escape(name), CliOutput.Cell(value));
    }

    /// <inheritdoc cref="Field(Grid, string, JsonNode?)"/>
    public static Grid Field(this Grid grid, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return value is null ? grid : grid.AddRow(Markup.Escape(name), Markup.Escape(value));
    }
}
