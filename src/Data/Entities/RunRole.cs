namespace Forgetless.Data.Entities;

/// <summary>
/// Why a run exists: the two optimum runs give the experiment MAXRIGHT's f* (f_SFT*, f_DPO*, from their training losses);
/// schedule runs are the comparison itself and start only once it is known. The pref-SFT reference run (reference
/// choice "pref_sft") trains first: its final model is the DPO reference of every other run.
/// </summary>
public enum RunRole
{
    Schedule = 0,
    SftOptimum = 1,
    DpoOptimum = 2,
    PrefSftReference = 3,
}
