# Dependency isolation (issue 17, item 5): another module that ships a different MessagePack, imported before or
# after Omg in one session, breaks neither. Each case is a clean pwsh, since an assembly never leaves the
# default load context once in it. The module as laid out before isolation fails the same cases, which
# shows that they are a real conflict and not one the runtime would have resolved anyway.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
    . (Join-Path $PSScriptRoot 'Isolation.Tests.Helpers.ps1')
    $script:ConflictManifest = New-ConflictingModule -Directory $TestDrive
    $script:ModuleOutput = Split-Path ([Omg.PowerShell.Loading.DependencyIsolation].Assembly.Location)
    $script:FlatManifest = New-FlatModuleLayout -Directory $TestDrive -ModuleOutput $ModuleOutput
    $version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'Omg.psd1')).ModuleVersion
    $script:Layouts = @{
        'build tree' = Join-Path $RepoRoot 'Omg.psd1'
        'package'    = Join-Path $RepoRoot "out/Omg/$version/Omg.psd1"
    }
}

AfterAll { Stop-TestDaemon }

Describe 'Omg beside a module with another MessagePack' {
    It 'keeps its dependencies in Dependencies/, not beside the cmdlets (<_>)' -ForEach 'build tree', 'package' {
        $base = Split-Path $Layouts[$_]
        $cmdlets = if ($_ -eq 'package') { $base } else { $ModuleOutput }
        foreach ($name in 'Omg.Client.dll', 'Omg.Protocol.dll', 'MessagePack.dll', 'omgd.dll') {
            Join-Path $cmdlets "Dependencies/$name" | Should -Exist
            Join-Path $cmdlets $name | Should -Not -Exist
        }
    }

    It 'answers when the other module came first, and leaves it its own (<_>)' -ForEach 'build tree', 'package' {
        $result = Invoke-ImportOrder -OmgManifest $Layouts[$_] -ConflictManifest $ConflictManifest -Socket $Socket
        $result.Errors | Should -BeNullOrEmpty
        $result.Search | Should -Contain 'vim'
        $result.Conflict | Should -Be '1.0.0.0'
        ($result.MessagePack | Where-Object Version -eq '1.0.0.0').Context | Should -Be 'Default'
        ($result.MessagePack | Where-Object Version -like '2.*').Context | Should -Be 'Omg.Dependencies'
    }

    It 'answers when it came first, and the other module still gets its own (<_>)' -ForEach 'build tree', 'package' {
        $result = Invoke-ImportOrder -OmgManifest $Layouts[$_] -ConflictManifest $ConflictManifest -Socket $Socket -OmgFirst
        $result.Errors | Should -BeNullOrEmpty
        $result.Search | Should -Contain 'vim'
        $result.Conflict | Should -Be '1.0.0.0'
        ($result.MessagePack | Where-Object Version -eq '1.0.0.0').Context | Should -Be 'Default'
        ($result.MessagePack | Where-Object Version -like '2.*').Context | Should -Be 'Omg.Dependencies'
    }
}

Describe 'The same module laid out flat, without isolation' {
    It 'fails to search when the other module came first' {
        $result = Invoke-ImportOrder -OmgManifest $FlatManifest -ConflictManifest $ConflictManifest -Socket $Socket
        $result.Conflict | Should -Be '1.0.0.0'
        $result.Search | Should -BeNullOrEmpty
        $result.Errors -join "`n" | Should -Match "Could not load file or assembly 'MessagePack, Version=2\."
    }

    It 'breaks the other module when it came first' {
        $result = Invoke-ImportOrder -OmgManifest $FlatManifest -ConflictManifest $ConflictManifest -Socket $Socket -OmgFirst
        $result.Search | Should -Contain 'vim'
        $result.Conflict | Should -BeNullOrEmpty
        @($result.MessagePack).Count | Should -Be 1
        $result.MessagePack[0].Version | Should -BeLike '2.*'
        # Its RequiredAssemblies load fails ("Assembly with same name is already loaded"); whether Import-Module
        # reports that or the module's first use finds no type depends on the session, so both count.
        $result.Errors -join "`n" | Should -Match "Version=1\.0\.0\.0.*already loaded|Unable to find type \[MessagePack\.ConflictProbe\]"
    }
}
