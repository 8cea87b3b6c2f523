using CareMesh.CarePlans.Data;
using CareMesh.Contracts.Referrals;

namespace CareMesh.CarePlans.Patients;

/// <summary>Care planning's copy of a person's demographics, refreshed from whatever names them last.</summary>
public static class PatientRecords
{
    /// <summary>Adds the person, or refreshes their details: the newest referral carries the freshest demographics.</summary>
    public static async Task<Patient> RecordAsync(this CarePlansDbContext db, ReferredPatient details, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FindAsync([details.NhsNumber], cancellationToken);
        if (patient is null)
        {
            patient = new Patient
            {
                NhsNumber = details.NhsNumber,
                GivenName = details.GivenName,
                FamilyName = details.FamilyName,
                DateOfBirth = details.DateOfBirth,
                PracticeOds = details.PracticeOds,
            };
            db.Patients.Add(patient);
            return patient;
        }

        patient.GivenName = details.GivenName;
        patient.FamilyName = details.FamilyName;
        patient.DateOfBirth = details.DateOfBirth;
        patient.PracticeOds = details.PracticeOds;
        return patient;
    }
}
