"""baocao: Vietnamese administrative reports (Decree 30/2020/NĐ-CP) from data."""
