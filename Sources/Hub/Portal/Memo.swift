import Synchronization

/// Values made once and kept by their key, for every task of the process: at most `capacity` of them (then it starts
/// afresh, so a key from a reader's query cannot grow it without end).
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let memory = Mutex<[Key: Value]>([:])
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(for key: Key, make: () -> Value) -> Value {
        if let known = memory.withLock({ $0[key] }) { return known }
        let value = make()
        memory.withLock { memory in
            if memory.count >= capacity { memory.removeAll(keepingCapacity: true) }
            memory[key] = value
        }
        return value
    }
}
