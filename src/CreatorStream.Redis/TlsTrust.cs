using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CreatorStream.Redis;

/// <summary>
/// Trusts exactly the CAs of one PEM file for the Redis connection (a private CA, as managed Redis services and
/// self-run clusters use), instead of the system's store. The host name is still checked against the certificate.
/// </summary>
internal sealed class TlsTrust(X509Certificate2Collection authorities)
{
    public static TlsTrust FromPemFile(string path)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        return authorities.Count > 0 ? new TlsTrust(authorities) : throw new ArgumentException($"'{path}' holds no PEM certificate", nameof(path));
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false; // no certificate, or one for another host name
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a private CA rarely publishes revocation lists
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(presented);
    }
}
