// Hot codec methods carry rarely used locals (error message builders); zeroing their stack frames on
// every call costs more than the work itself.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
