namespace Forgetless.Web.Service.Models;

/// <summary>An upload that is not a usable model; the message is shown to the user as is.</summary>
public sealed class ModelRejectedException(string message) : Exception(message);
