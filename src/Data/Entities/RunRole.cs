namespace Forgetless.Data.Entities;

/// <summary>
/// Why a run exists: the two optimum runs give the experiment its ideal point (f_SFT*, f_DPO*);
/// schedule runs are the comparison itself and start only once the ideal point is known.
/// </summary>
public enum RunRole
{
    Schedule = 0,
    SftOptimum = 1,
    DpoOptimum = 2,
}
