namespace Forgetless.Training.Datasets.Formats;

internal static class PairChecks
{
    /// <summary>A pair whose two responses are the same (ignoring surrounding whitespace) teaches no preference.</summary>
    public static bool Distinct(string chosen, string rejected, RowErrors errors)
    {
        if (chosen.AsSpan().Trim().SequenceEqual(rejected.AsSpan().Trim()))
        {
            errors.Add("rejected", "is identical to \"chosen\"");
            return false;
        }
        return true;
    }
}
