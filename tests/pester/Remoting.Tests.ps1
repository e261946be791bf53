# Objects that cross a process boundary (remoting, jobs, CliXml) arrive as Deserialized.Omg.* property bags:
# they must keep their type names, show the same tables and keep their nested objects.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon

    function Get-TableHeader {
        param([object[]] $InputObject)
        $lines = @(($InputObject | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0]
    }

    # A job runs in a new pwsh process and sends its output back serialized, exactly as remoting does.
    function Invoke-InJob {
        param([scriptblock] $ScriptBlock)
        $manifest = Join-Path $script:RepoRoot 'Omg.psd1'
        $job = Start-Job -ScriptBlock {
            param($Manifest, $Socket, $Body)
            $env:OMG_NO_AUTOSTART = '1'
            Import-Module $Manifest
            & ([scriptblock]::Create($Body)) $Socket
        } -ArgumentList $manifest, $Socket, $ScriptBlock.ToString()
        try {
            Receive-Job -Job $job -Wait -ErrorAction Stop
        }
        finally {
            Remove-Job -Job $job -Force
        }
    }
}

AfterAll { Stop-TestDaemon }

Describe 'Across a process boundary' {
    It 'keeps <Command>''s type name and table through Export-Clixml and Import-Clixml' -ForEach @(
        @{ Command = 'Find-OmgPackage'; Script = { Find-OmgPackage ssl -Socket $Socket }; Type = 'Omg.Package' }
        @{ Command = 'Get-OmgPackage'; Script = { Get-OmgPackage vim, openssl -Socket $Socket }; Type = 'Omg.PackageDetail' }
        @{ Command = 'Get-OmgStatus'; Script = { Get-OmgStatus -Socket $Socket }; Type = 'Omg.SystemStatus' }
        @{ Command = 'Get-OmgRuntime'; Script = { Get-OmgRuntime -Socket $Socket }; Type = 'Omg.Runtime' }
        @{ Command = 'Get-OmgSuggestion -Detailed'; Script = { Get-OmgSuggestion vim -Detailed -Socket $Socket }; Type = 'Omg.Suggestion' }
        @{ Command = 'Get-OmgDaemon'; Script = { Get-OmgDaemon -Socket $Socket }; Type = 'Omg.DaemonInfo' }
    ) {
        $live = @(& $Script)
        $path = Join-Path $TestDrive "$Type.xml"
        $live | Export-Clixml -LiteralPath $path
        $back = @(Import-Clixml -LiteralPath $path)

        $back.Count | Should -Be $live.Count
        $back[0].PSObject.TypeNames[0] | Should -Be "Deserialized.$Type"
        Get-TableHeader $back | Should -Be (Get-TableHeader $live)
    }

    It 'keeps nested runtime versions and request statistics as objects' {
        $path = Join-Path $TestDrive 'nested.xml'
        Get-OmgStatus -Socket $Socket | Export-Clixml -LiteralPath $path -Depth 1
        $status = Import-Clixml -LiteralPath $path
        $status.RuntimeVersions[0].Name | Should -Be 'python'
        $status.RuntimeVersions[0].Version | Should -Be '3.11.2'

        $null = Find-OmgPackage vim -Socket $Socket
        Get-OmgDaemon -Socket $Socket | Export-Clixml -LiteralPath $path -Depth 1
        (Import-Clixml -LiteralPath $path).Requests.Name | Should -Contain 'Search'
    }

    It 'shows the same table for Find-OmgPackage run in a job' {
        $live = @(Find-OmgPackage ssl -Socket $Socket)
        $remote = @(Invoke-InJob { param($Socket) Find-OmgPackage ssl -Socket $Socket })
        $remote.Count | Should -Be $live.Count
        $remote[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Omg.Package'
        $remote.Name | Should -Be $live.Name
        Get-TableHeader $remote | Should -Be (Get-TableHeader $live)
    }

    It 'brings Get-OmgStatus back from a job with its runtimes as objects' {
        $remote = Invoke-InJob { param($Socket) Get-OmgStatus -Socket $Socket }
        $remote.PSObject.TypeNames[0] | Should -Be 'Deserialized.Omg.SystemStatus'
        $remote.RuntimeVersions[0].Version | Should -Be '3.11.2'
        Get-TableHeader $remote | Should -Be (Get-TableHeader (Get-OmgStatus -Socket $Socket))
    }

    It 'turns a missing package in a job into an error record with its id' {
        $manifest = Join-Path $script:RepoRoot 'Omg.psd1'
        $job = Start-Job -ScriptBlock {
            param($Manifest, $Socket)
            $env:OMG_NO_AUTOSTART = '1'
            Import-Module $Manifest
            Get-OmgPackage nosuchpackage -Socket $Socket
        } -ArgumentList $manifest, $Socket
        $null = Wait-Job $job
        $errors = @($job.ChildJobs[0].Error)
        Remove-Job $job -Force
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'OmgPackageNotFound*'
    }
}
