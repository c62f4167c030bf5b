using Forgetless.Data.Entities;

namespace Forgetless.Web.Service.Queries;

/// <summary>What a run's max_length cut, as counted at launch: SFT examples and preference pairs longer than it.</summary>
public sealed record RunTruncation(int TruncatedSftExamples, int SftExamples, int TruncatedPreferencePairs, int PreferencePairs)
{
    public static RunTruncation? From(Run r) =>
        r is { TruncatedSftExamples: { } sftCut, SftExamples: { } sft, TruncatedPreferencePairs: { } pairsCut, PreferencePairs: { } pairs }
            ? new(sftCut, sft, pairsCut, pairs)
            : null;
}
