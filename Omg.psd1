@{
    # In the repository Omg.psm1 finds the compiled Omg.PowerShell.dll in the build output (see the comment at
    # its top); build.ps1 -Package writes a manifest whose RootModule is Omg.PowerShell.dll itself, beside it.
    RootModule           = 'Omg.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c2b8e-6a4d-4f37-9c1e-7d2a9b3e4c61'
    Author               = 'Omg contributors'
    CompanyName          = 'Omg contributors'
    Copyright            = '(c) Omg contributors. All rights reserved.'
    Description          = 'Answers questions about the software on a Linux machine (packages, updates, runtimes) through the omgd daemon.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('Omg.Format.ps1xml')
    TypesToProcess       = @('Omg.Types.ps1xml')
    CmdletsToExport      = @(
        'Find-OmgPackage'
        'Get-OmgPackage'
        'Get-OmgSuggestion'
        'Get-OmgStatus'
        'Get-OmgRuntime'
        'Start-OmgDaemon'
        'Stop-OmgDaemon'
        'Get-OmgDaemon'
        'Invoke-OmgAudit'
        'Update-OmgAdvisory'
        'Get-OmgModule'
        'Invoke-OmgModule'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Linux', 'Packages', 'apt', 'dpkg', 'Inventory', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/omg-project/omg'
            LicenseUri   = 'https://github.com/omg-project/omg/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: Find-OmgPackage, Get-OmgPackage, Get-OmgSuggestion, Get-OmgStatus, Get-OmgRuntime, Start-OmgDaemon, Stop-OmgDaemon, Get-OmgDaemon.'
        }
    }
}
