import CSupport

extension Array {
    /// `reserveCapacity`, then asks for the reserved storage in huge pages when it is large
    /// (`abc_advise_huge_pages`): the load's columns are reserved for every row up front and
    /// written once, so their page faults were a tenth of a load (issue 16).
    mutating func reserveHugeCapacity(_ n: Int) {
        reserveCapacity(n)
        let bytes = capacity * MemoryLayout<Element>.stride
        guard bytes >= 4 << 20 else { return }
        withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { abc_advise_huge_pages(UnsafeMutableRawPointer(base), bytes) }
        }
    }
}
