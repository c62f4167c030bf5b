namespace Forgetless.Web.Service.Datasets;

public enum DatasetDeleteOutcome
{
    Deleted,
    NotFound,
    InUse,
}
