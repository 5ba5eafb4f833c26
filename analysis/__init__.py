"""Network analyses of the ecosystem: who is central, who brokers, who reaches whom."""
