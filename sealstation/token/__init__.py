"""token"""
